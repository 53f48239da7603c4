from fastapi import FastAPI

app = FastAPI()


@app.get("/api/v1/utils/health-check/")
def health() -> bool:
    return True
