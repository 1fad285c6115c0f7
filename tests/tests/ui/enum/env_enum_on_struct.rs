use config_runtime::EnvEnum;

#[derive(EnvEnum)]
struct Backend {
    name: String,
}

fn main() {}
