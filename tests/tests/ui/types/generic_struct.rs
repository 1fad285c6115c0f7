use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings<T> {
    value: T,
}

fn main() {}
