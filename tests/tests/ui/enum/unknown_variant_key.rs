use envspec::EnvEnum;

#[derive(EnvEnum)]
enum Backend {
    #[env(renam = "pg")]
    Postgres,
    Sqlite,
}

fn main() {}
