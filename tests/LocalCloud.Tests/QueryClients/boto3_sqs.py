"""Every SQS operation LocalCloud serves, through Debian's boto3 (1.26, which speaks SQS's query protocol).

Usage: python3 boto3_sqs.py ENDPOINT PREFIX
Reads the message the JSON SDK left in PREFIX-from-sdk, leaves one in PREFIX-to-sdk, and prints what it saw
as one JSON document for the test to check.
"""
import base64
import json
import sys

import boto3

TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
endpoint, prefix = sys.argv[1], sys.argv[2]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local")
seen = {"protocol": sqs.meta.service_model.protocol}


def message(m):
    values = {name: v.get("StringValue") or base64.b64encode(v["BinaryValue"]).decode()
              for name, v in m.get("MessageAttributes", {}).items()}
    return {"Body": m["Body"], "MD5OfBody": m["MD5OfBody"], "MD5OfMessageAttributes": m.get("MD5OfMessageAttributes"),
            "Attributes": m.get("Attributes", {}), "MessageAttributes": values}


def visible(url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]["ApproximateNumberOfMessages"]


# Queues: create, find, list, set and get attributes.
url = sqs.create_queue(QueueName=prefix + "-work", Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
seen["foundUrl"] = sqs.get_queue_url(QueueName=prefix + "-work")["QueueUrl"] == url
sqs.set_queue_attributes(QueueUrl=url, Attributes={"MessageRetentionPeriod": "600"})
seen["attributes"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]

# Messages: send one and a batch, receive, change visibility one by one and in a batch, delete both ways.
attributes = {"kind": {"DataType": "String", "StringValue": "checkout"}, "blob": {"DataType": "Binary", "BinaryValue": b"\x01\x02"}}
sent = sqs.send_message(QueueUrl=url, MessageBody="one", MessageAttributes=attributes,
                        MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}})
seen["sent"] = {k: sent.get(k) for k in ("MD5OfMessageBody", "MD5OfMessageAttributes", "MD5OfMessageSystemAttributes")}
batch = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "two", "MessageBody": "two"}, {"Id": "late", "MessageBody": "x", "DelaySeconds": 901}])
seen["batchSent"] = [e["Id"] for e in batch.get("Successful", [])]
seen["batchFailed"] = [[e["Id"], e["Code"], e["SenderFault"]] for e in batch.get("Failed", [])]
received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"], MessageAttributeNames=["All"])["Messages"]
seen["received"] = sorted((message(m) for m in received), key=lambda m: m["Body"])
first, second = received
sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"], VisibilityTimeout=0)
changed = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
    {"Id": "second", "ReceiptHandle": second["ReceiptHandle"], "VisibilityTimeout": 0},
    {"Id": "bogus", "ReceiptHandle": "bogus", "VisibilityTimeout": 0}])
seen["changed"] = [[e["Id"] for e in changed.get("Successful", [])], [e["Code"] for e in changed.get("Failed", [])]]
again = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"])
deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": "rest", "ReceiptHandle": h["ReceiptHandle"]} for h in again[1:]])
seen["deleted"] = [len(again), [e["Id"] for e in deleted.get("Successful", [])]]
seen["visibleAfterDelete"] = visible(url)

# Purge, an error with its typed exception, and deletion.
sqs.send_message(QueueUrl=url, MessageBody="purged")
sqs.purge_queue(QueueUrl=url)
seen["visibleAfterPurge"] = visible(url)
try:
    sqs.get_queue_url(QueueName=prefix + "-missing")
except sqs.exceptions.QueueDoesNotExist as error:
    seen["error"] = error.response["Error"]
sqs.delete_queue(QueueUrl=url)

# What the JSON SDK sent, and what it will read.
from_sdk = sqs.get_queue_url(QueueName=prefix + "-from-sdk")["QueueUrl"]
seen["fromSdk"] = message(sqs.receive_message(QueueUrl=from_sdk, AttributeNames=["All"], MessageAttributeNames=["All"])["Messages"][0])
to_sdk = sqs.get_queue_url(QueueName=prefix + "-to-sdk")["QueueUrl"]
sqs.send_message(QueueUrl=to_sdk, MessageBody="from boto3", MessageAttributes=attributes,
                 MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}})
seen["listed"] = sorted(sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", []))

print(json.dumps(seen))
