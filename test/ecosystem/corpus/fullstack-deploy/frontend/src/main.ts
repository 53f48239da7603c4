document.body.textContent = "dashboard";
