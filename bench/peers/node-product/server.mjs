// The Node peer of the benchmark: Product's GET /product/{id} - one consistent GetItem on the product
// table, answered with the same JSON and ETag - as the smallest Node 20 HTTP server that does it, so
// bench/run.sh can measure the services beside what a Node team would write.
//
// Region, credentials and the endpoint come from the environment, as Lambda gives them (AWS_REGION,
// AWS_ACCESS_KEY_ID, ...; AWS_ENDPOINT_URL locally). It listens on 127.0.0.1:$PORT.
import { createServer } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const table = process.env.PRODUCT_TABLE ?? 'product';
const port = Number(process.env.PORT ?? 8080);
const productPath = /^\/product\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const dynamo = new DynamoDBClient({});

/** The item as Product's API answers it: the contract's fields, camelCase, absent optional fields as null. */
function toProduct(item) {
  return {
    id: item.id.S,
    name: item.name.S,
    description: item.description?.S ?? null,
    imageFile: item.imageFile?.S ?? null,
    price: Number(item.price.N),
    category: item.category.S,
  };
}

function problem(response, status, title) {
  response.writeHead(status, { 'Content-Type': 'application/problem+json' });
  response.end(JSON.stringify({ type: `https://tools.ietf.org/html/rfc9110#section-15.5.${status === 404 ? 5 : 1}`, title, status }));
}

async function getProduct(id, response) {
  const { Item: item } = await dynamo.send(
    new GetItemCommand({ TableName: table, Key: { id: { S: id.toLowerCase() } }, ConsistentRead: true }));
  if (!item) {
    problem(response, 404, 'The product was not found.');
    return;
  }

  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: `"${item.version.N}"` });
  response.end(JSON.stringify(toProduct(item)));
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end('Healthy');
    return;
  }

  const match = request.method === 'GET' ? productPath.exec(request.url) : null;
  if (!match) {
    problem(response, 404, 'Not Found');
    return;
  }

  getProduct(match[1], response).catch(error => {
    // The error's name only: no request value or SDK message reaches the log or the client.
    console.error(`GetItem failed: ${error.name}`);
    if (!response.headersSent) {
      problem(response, 500, 'An error occurred while processing your request.');
    }
  });
});

server.listen(port, '127.0.0.1');
