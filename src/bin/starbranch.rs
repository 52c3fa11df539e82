fn main() {
    eprintln!("the rating engine lands in the next commit");
    std::process::exit(2);
}
