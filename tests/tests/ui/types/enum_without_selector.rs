use config_runtime::EnvConfig;

#[derive(EnvConfig)]
enum Mode {
    Fast,
    Slow,
}

fn main() {}
