fn main() {
    println!("etl ready");
}
