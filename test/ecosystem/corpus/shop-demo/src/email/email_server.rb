require "sinatra"
set :port, ENV.fetch("EMAIL_PORT")
get("/healthz") { "ok" }
