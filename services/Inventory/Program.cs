using Ecommerce.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Inventory API", routePrefix: "inventory");

var app = builder.Build();

app.MapServiceDefaults();

app.Run();

public partial class Program;
