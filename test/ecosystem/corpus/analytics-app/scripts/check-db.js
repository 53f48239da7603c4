console.log("database ok");
