print("database is up")
