const app = require("express")();
app.get("/", (_req, res) => res.send("results"));
app.listen(process.env.PORT || 80);
