from locust import HttpUser, task


class Shopper(HttpUser):
    @task
    def browse(self):
        self.client.get("/")
