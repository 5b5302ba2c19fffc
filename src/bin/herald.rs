//! The `herald` command line.

fn main() {
    println!("herald");
}
