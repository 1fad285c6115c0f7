use envspec::EnvConfig;

// An enum of words needs `#[derive(EnvEnum)]`; the error says so, once.
#[derive(Debug)]
enum Mode {
    Fast,
    Safe,
}

#[derive(EnvConfig)]
struct Settings {
    mode: Mode,
}

fn main() {}
