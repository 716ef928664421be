#!/bin/sh
# Seeds the sample catalogue (catalogue.txt) through the shop's public API, as an admin would: each product with
# POST /product, then its stock with PUT /inventory/{id} once Inventory has learnt of it. Once: a catalogue that
# already holds a product is left as it is. Run by the app host and by docker compose; needs sh and curl.
#   SHOP_URL  the shop's origin (default http://localhost:8000)
#   EDGE_URL  LocalCloud's edge, whose issuer gives the admin token (default http://localhost:4566)
set -eu
shop=${SHOP_URL:-http://localhost:8000}
edge=${EDGE_URL:-http://localhost:4566}
here=$(dirname "$0")

# The catalogue answers once the gateway and Product are up.
tries=0
until page=$(curl -fsS "$shop/product?limit=1" 2>/dev/null); do
    tries=$((tries + 1))
    [ "$tries" -lt 120 ] || { echo "seed: the shop at $shop did not answer" >&2; exit 1; }
    sleep 1
done
case "$page" in
    *'"items":[]'*) ;;
    *) echo "seed: the catalogue already has products; nothing seeded"; exit 0 ;;
esac

token=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"catalogue-seed","admin":true}' "$edge/_localcloud/auth/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "seed: no admin token from $edge" >&2; exit 1; }

grep -v '^#' "$here/catalogue.txt" | while IFS='|' read -r name category price stock image description; do
    [ -n "$name" ] || continue
    body=$(printf '{"name":"%s","category":"%s","price":%s,"imageFile":"%s","description":"%s"}' "$name" "$category" "$price" "$image" "$description")
    id=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$shop/product" \
        | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    [ -n "$id" ] || { echo "seed: $name was not added" >&2; exit 1; }
    # Inventory learns of the product from its change event, a moment after it is stored.
    tries=0
    until curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"onHand\":$stock}" "$shop/inventory/$id" 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || { echo "seed: Inventory did not learn of $name" >&2; exit 1; }
        sleep 1
    done
    echo "seed: $name ($category, $stock on hand)"
done
echo "seed: the sample catalogue is in place"
