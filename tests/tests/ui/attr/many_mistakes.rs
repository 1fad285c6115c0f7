use envspec::{EnvConfig, SecretString};

// Every mistake below is reported in one compile.
#[derive(EnvConfig)]
#[env(prefx = "APP_")]
struct Settings {
    #[env(defualt = 8080)]
    port: u16,
    #[env(secrte)]
    token: SecretString,
    #[env(name = "HOST", name = "ADDR")]
    host: String,
    #[env(default = "abc")]
    workers: u32,
    #[env(required_if(prot = "1"))]
    debug: Option<String>,
}

fn main() {}
