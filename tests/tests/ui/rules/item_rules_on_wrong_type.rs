use envspec::EnvConfig;

// Item rules are judged by the field's type (its traits), so a type alias is judged too.
type Names = String;

#[derive(EnvConfig)]
struct Settings {
    #[env(item_pattern = "[a-z]+")]
    name: Names,
    #[env(item_pattern = "[0-9]+")]
    ports: Vec<u16>,
    #[env(forbid("0"))]
    workers: Vec<u32>,
}

fn main() {}
