// The storefront's viewer-request function (CloudFront Functions, cloudfront-js-2.0) on every path the
// bucket serves. The stack puts one line above this: var precompressed = [...], the extensions of the
// _framework files that were published with a .br and a .gz beside each one.

function handler(event) {
    var request = event.request;
    var uri = request.uri;
    var name = uri.substring(uri.lastIndexOf('/') + 1);
    var dot = name.lastIndexOf('.');

    // A path without a file extension is a page of the app: Blazor's router takes it from index.html.
    if (dot === -1) {
        request.uri = '/index.html';
        return request;
    }

    // CloudFront compresses neither .wasm nor .dat itself; Blazor published them compressed at its best level.
    if (uri.indexOf('/_framework/') === 0 && precompressed.indexOf(name.substring(dot + 1)) !== -1) {
        request.uri = uri + preferredSuffix(request.headers['accept-encoding']);
    }

    return request;
}

// '.br' or '.gz' for the best encoding the browser takes (q=0 refuses one), '' for none.
function preferredSuffix(acceptEncoding) {
    var taken = {};
    if (acceptEncoding) {
        acceptEncoding.value.split(',').forEach(function (part) {
            var pieces = part.split(';');
            var quality = 1;
            for (var i = 1; i < pieces.length; i++) {
                var parameter = pieces[i].trim();
                if (parameter.indexOf('q=') === 0) {
                    quality = parseFloat(parameter.substring(2));
                }
            }
            taken[pieces[0].trim().toLowerCase()] = quality > 0;
        });
    }

    return taken.br ? '.br' : taken.gzip ? '.gz' : '';
}
