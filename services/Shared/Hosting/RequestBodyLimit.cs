using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Refuses a declared body over the limit before anything reads it. Kestrel enforces the same limit
/// on bodies of undeclared length; in hosts without that feature (the test server) such a body is
/// read up to the limit here, so the limit holds wherever the app runs.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > ServiceDefaults.MaxRequestBodyBytes)
        {
            throw TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ServiceDefaults.MaxRequestBodyBytes;
        }
        else if (context.Request.ContentLength is null && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)))
        {
            var buffered = new MemoryStream();
            context.Response.RegisterForDispose(buffered);
            await context.Request.Body.CopyToAsync(new LimitedWriteStream(buffered), context.RequestAborted);
            buffered.Position = 0;
            context.Request.Body = buffered;
        }

        await next(context);
    }

    private static BadHttpRequestException TooLarge() =>
        new("Request body too large.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>A write-only stream that refuses to grow past the limit.</summary>
    private sealed class LimitedWriteStream(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (inner.Length + count > ServiceDefaults.MaxRequestBodyBytes)
            {
                throw TooLarge();
            }

            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (inner.Length + buffer.Length > ServiceDefaults.MaxRequestBodyBytes)
            {
                throw TooLarge();
            }

            inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
