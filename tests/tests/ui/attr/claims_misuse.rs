use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(claims("KAFKA-", ""))]
struct BadPrefixes {
    a: Option<u32>,
}

#[derive(EnvConfig)]
#[env(claims())]
struct Empty {
    #[env(claims("X_"))]
    a: Option<u32>,
}

fn main() {}
