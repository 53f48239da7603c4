package main

import (
	"log"
	"net/http"

	"example.com/go-service/internal/handler"
)

func main() {
	http.HandleFunc("/healthz", handler.Health)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
