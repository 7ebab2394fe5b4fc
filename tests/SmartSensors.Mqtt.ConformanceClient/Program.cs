Console.Error.WriteLine("conformance client: not built yet");
return 2;
