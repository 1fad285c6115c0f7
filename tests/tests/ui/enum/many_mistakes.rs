use envspec::EnvEnum;

// Every mistake below is reported in one compile.
#[derive(EnvEnum)]
#[env(rename_all = "Title Case")]
enum Backend {
    #[env(renam = "pg")]
    Postgres,
    #[env(alias = "POSTGRES")]
    Postgresql,
    Sqlite(String),
    #[env(rename = "a", rename = "b")]
    Mysql,
}

fn main() {}
