using System.Diagnostics;
using System.Text.Json;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>A minimal app wired exactly like a service: AddGaiaXDapr, MapGaiaXDapr, MapIntegrationEvent.</summary>
public static class SubscriberApp
{
    public const string OfferRoute = "/events/offer-created";
    public const string OfferDeadLetterRoute = "/events/offer-created-dead-letter";
    public const string AcceptedRoute = "/events/credential-accepted";
    public const string PublishRoute = "/publish/offer-created";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder> configure, SubscriberRecorder recorder)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddGaiaXDapr();
        builder.Services.AddSingleton(recorder);
        configure(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        // Sees the request before UseCloudEvents unwraps it.
        app.Use(async (context, next) =>
        {
            if (context.Request.Method == "POST" && context.Request.Path.StartsWithSegments("/events"))
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                var body = await reader.ReadToEndAsync();
                context.Request.Body.Position = 0;
                recorder.Deliveries.Enqueue(new Received(context.Request.Path, body, context.Request.ContentType,
                    context.Request.Headers["traceparent"].FirstOrDefault(), Activity.Current?.TraceId));
            }
            await next(context);
        });
        app.MapGaiaXDapr();

        app.MapIntegrationEvent<OfferCreated>(OfferRoute, (OfferCreated offer, SubscriberRecorder r) =>
        {
            r.Offers.Enqueue(offer);
            return r.Answer(OfferRoute);
        });
        app.MapPost(OfferDeadLetterRoute, (JsonElement _, SubscriberRecorder r) => r.Answer(OfferDeadLetterRoute))
            .WithTopic(DaprComponents.PubSub, Topics.DeadLetter(Topics.OfferCreated));
        // May arrive twice (at-least-once delivery): the guard makes the effect happen once per event id.
        app.MapIntegrationEvent<CredentialAccepted>(AcceptedRoute, async (CredentialAccepted accepted, IIdempotencyGuard guard, SubscriberRecorder r) =>
        {
            var outcome = await guard.RunOnceAsync("test-accepted", accepted.Id, _ =>
            {
                r.Effect();
                return Task.CompletedTask;
            });
            return outcome.ToResult();
        });
        app.MapPost(PublishRoute, async (OfferCreated offer, IEventBus bus) =>
        {
            await bus.PublishAsync(offer);
            return Results.Accepted();
        });
        return app;
    }
}
