use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = 0.5f64)]
    ratio: f64,
    #[env(default = "half")]
    sample: f32,
}

fn main() {}
