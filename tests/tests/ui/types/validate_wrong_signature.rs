use envspec::EnvConfig;

fn is_even(port: &u32) -> bool {
    port % 2 == 0
}

#[derive(EnvConfig)]
struct Settings {
    #[env(validate = is_even)]
    port: u16,
}

fn main() {}
