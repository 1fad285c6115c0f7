use envspec::EnvEnum;

#[derive(EnvEnum)]
struct Backend {
    name: String,
}

fn main() {}
