use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings(u16, String);

fn main() {}
