use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = moulint::cli::Cli::parse();
    std::process::ExitCode::from(moulint::cli::run(cli))
}
