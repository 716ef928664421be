using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ecommerce.Shared.Identity;

public static class OwnerOrAdmin
{
    private const string UserNameRouteValue = "userName";

    /// <summary>
    /// Routes for one user's data: a signed-in caller, who must be that user (the <c>{userName}</c> of the
    /// path, or the <c>userName</c> of the body) unless an admin; otherwise 403. A route naming no user
    /// (a list of everyone's) is for admins alone. A caller who may act for a <c>{userName}</c> no user can
    /// have is answered 400, before the handler runs.
    /// </summary>
    public static TBuilder RequireOwnerOrAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var pathUser = context.HttpContext.Request.RouteValues.GetValueOrDefault(UserNameRouteValue) as string;
                var userName = pathUser ?? context.Arguments.OfType<IForUser>().FirstOrDefault()?.UserName;
                if (!context.HttpContext.User.MayActFor(userName))
                {
                    return Problems.Forbidden();
                }

                return pathUser is not null && Problems.IsInvalidUserName(pathUser, out var invalid) ? invalid : await next(context);
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        builder.Finally(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern: var pattern } && pattern.GetParameter(UserNameRouteValue) is not null)
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(
                    StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
            }
        });
        return builder;
    }
}
