use envspec::EnvConfig;

#[derive(EnvConfig)]
enum Mode {
    Fast,
    Slow,
}

fn main() {}
