use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings(u16, String);

fn main() {}
