require("node:http").createServer((_q, s) => s.end("cart")).listen(process.env.CART_PORT);
