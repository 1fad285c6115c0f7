use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings<T> {
    value: T,
}

fn main() {}
