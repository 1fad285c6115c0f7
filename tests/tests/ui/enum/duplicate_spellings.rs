use envspec::EnvEnum;

#[derive(EnvEnum)]
enum Backend {
    Postgres,
    #[env(rename = "POSTGRES")]
    Postgresql,
    #[env(alias = "postgres")]
    Pg,
}

fn main() {}
