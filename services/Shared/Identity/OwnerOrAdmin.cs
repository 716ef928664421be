using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.Shared.Identity;

public static class OwnerOrAdmin
{
    /// <summary>
    /// Routes for one user's data: a signed-in caller, who must be that user (the <c>{userName}</c> of the
    /// path, or the <c>userName</c> of the body) unless an admin; otherwise 403. A route naming no user
    /// (a list of everyone's) is for admins alone.
    /// </summary>
    public static TBuilder RequireOwnerOrAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var userName = context.HttpContext.Request.RouteValues.GetValueOrDefault("userName") as string
                    ?? context.Arguments.OfType<IForUser>().FirstOrDefault()?.UserName;
                return context.HttpContext.User.MayActFor(userName) ? await next(context) : Problems.Forbidden();
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
