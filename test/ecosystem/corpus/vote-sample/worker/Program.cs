System.Console.WriteLine("worker started");
