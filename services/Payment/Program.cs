using Ecommerce.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Payment API", routePrefix: "payment");

var app = builder.Build();

app.MapServiceDefaults();

app.Run();

public partial class Program;
