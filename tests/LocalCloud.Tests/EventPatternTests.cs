using System.Text.Json.Nodes;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The matcher against the examples of AWS's "Content filtering in event patterns" and "Comparison operators" pages.</summary>
public class EventPatternTests
{
    // The EC2 state-change event AWS's examples use, with the fields the other examples filter on added to detail.
    private const string Event = """
        {
          "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
          "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
          "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
          "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
          "detail": {
            "instance-id": "i-1234567890abcdef0", "state": "terminated",
            "c-count": 5, "d-count": 7, "x-limit": 301.8,
            "source-ip": "10.0.0.123", "FileName": "image.png", "FilePath": "/usr/lib/x.so",
            "responseElements": null, "eventVersion": "", "service": "EventBridge",
            "tags": ["blue", "green"], "location": { "city": "New York", "day": "Monday" }
          }
        }
        """;

    public static TheoryData<string, bool> Cases => new()
    {
        // Exact values, arrays as "any of", nesting, and
        { """{"source":["aws.ec2"]}""", true },
        { """{"source":["aws.s3"]}""", false },
        { """{"source":["aws.s3","aws.ec2"]}""", true },
        { """{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["terminated"]}}""", true },
        { """{"source":["aws.ec2"],"detail":{"state":["running"]}}""", false },
        { """{"detail":{"location":{"city":["New York"],"day":["Monday"]}}}""", true },
        { """{"detail":{"location":{"city":["New York"],"day":["Tuesday"]}}}""", false },
        { """{"detail":{"missing":{"city":["New York"]}}}""", false },
        { """{"source":["AWS.EC2"]}""", false },
        // numbers, booleans, null and the empty string
        { """{"detail":{"c-count":[5]}}""", true },
        { """{"detail":{"c-count":["5"]}}""", false },
        { """{"detail":{"x-limit":[3.018e2]}}""", true },
        { """{"detail":{"responseElements":[null]}}""", true },
        { """{"detail":{"state":[null]}}""", false },
        { """{"detail":{"eventVersion":[""]}}""", true },
        { """{"detail":{"state":[""]}}""", false },
        // an array in the event matches when any element does
        { """{"resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"]}""", true },
        { """{"detail":{"tags":["green","red"]}}""", true },
        { """{"detail":{"tags":["red"]}}""", false },
        // prefix and suffix, with and without case
        { """{"time":[{"prefix":"2017-12-22"}]}""", true },
        { """{"time":[{"prefix":"2017-10-02"}]}""", false },
        { """{"detail":{"service":[{"prefix":{"equals-ignore-case":"eventb"}}]}}""", true },
        { """{"detail":{"service":[{"prefix":"eventb"}]}}""", false },
        { """{"detail":{"FileName":[{"suffix":".png"}]}}""", true },
        { """{"detail":{"FileName":[{"suffix":".jpg"}]}}""", false },
        { """{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".PNG"}}]}}""", true },
        { """{"detail":{"c-count":[{"prefix":"5"}]}}""", false },
        // equals-ignore-case
        { """{"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]}""", true },
        { """{"detail-type":[{"equals-ignore-case":"ec2 instance launch"}]}""", false },
        // anything-but: a value, a list, a number, prefix, suffix, ignoring case, wildcard
        { """{"detail":{"state":[{"anything-but":"initializing"}]}}""", true },
        { """{"detail":{"state":[{"anything-but":"terminated"}]}}""", false },
        { """{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}""", true },
        { """{"detail":{"state":[{"anything-but":["stopped","terminated"]}]}}""", false },
        { """{"detail":{"c-count":[{"anything-but":123}]}}""", true },
        { """{"detail":{"c-count":[{"anything-but":[100,5,300]}]}}""", false },
        { """{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}""", true },
        { """{"detail":{"state":[{"anything-but":{"prefix":"term"}}]}}""", false },
        { """{"detail":{"FileName":[{"anything-but":{"suffix":".txt"}}]}}""", true },
        { """{"detail":{"FileName":[{"anything-but":{"suffix":".png"}}]}}""", false },
        { """{"detail":{"state":[{"anything-but":{"equals-ignore-case":["Stopped","OverLoaded"]}}]}}""", true },
        { """{"detail":{"state":[{"anything-but":{"equals-ignore-case":"TERMINATED"}}]}}""", false },
        { """{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}}""", false },
        { """{"detail":{"missing":[{"anything-but":"initializing"}]}}""", false },
        // numeric
        { """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"numeric":["=",3.018e2]}]}}""", true },
        { """{"detail":{"c-count":[{"numeric":[">",5]}]}}""", false },
        { """{"detail":{"c-count":[{"numeric":[">=",5,"<",6]}]}}""", true },
        { """{"detail":{"state":[{"numeric":[">",0]}]}}""", false },
        // exists
        { """{"detail":{"state":[{"exists":true}]}}""", true },
        { """{"detail":{"state":[{"exists":false}]}}""", false },
        { """{"detail":{"missing":[{"exists":false}]}}""", true },
        { """{"detail":{"missing":[{"exists":true}]}}""", false },
        { """{"detail":{"responseElements":[{"exists":true}]}}""", true },
        // wildcard and cidr
        { """{"resources":[{"wildcard":"arn:aws:ec2:*:instance/*"}]}""", true },
        { """{"resources":[{"wildcard":"arn:aws:s3:*"}]}""", false },
        { """{"detail":{"source-ip":[{"cidr":"10.0.0.0/24"}]}}""", true },
        { """{"detail":{"source-ip":[{"cidr":"10.0.1.0/24"}]}}""", false },
        // $or, alone and next to other fields
        { """{"detail":{"$or":[{"c-count":[{"numeric":[">",0,"<=",5]}]},{"d-count":[{"numeric":["<",1]}]}]}}""", true },
        { """{"detail":{"$or":[{"c-count":[{"numeric":[">",5]}]},{"d-count":[{"numeric":["<",1]}]}]}}""", false },
        { """{"source":["aws.ec2"],"$or":[{"detail-type":["nope"]},{"detail":{"state":["terminated"]}}]}""", true },
        { """{"source":["aws.s3"],"$or":[{"detail-type":["nope"]},{"detail":{"state":["terminated"]}}]}""", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_pattern_matches_the_example_event_exactly_when_AWS_says_it_does(string pattern, bool matches)
    {
        Assert.Equal(matches, EventPattern.Matches(EventPattern.Parse(pattern), JsonNode.Parse(Event)));
    }

    [Theory]
    [InlineData("""{"source":"aws.ec2"}""")]
    [InlineData("""{"source":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""{"source":[{"unknown-operator":"x"}]}""")]
    [InlineData("""{"detail":{"c-count":[{"numeric":["<",5,">",1]}]}}""")]
    [InlineData("""{"detail":{"c-count":[{"numeric":["~",5]}]}}""")]
    [InlineData("""{"detail":{"state":[{"exists":"yes"}]}}""")]
    [InlineData("""{"detail":{"source-ip":[{"cidr":"not-a-network"}]}}""")]
    [InlineData("""{"$or":[{"source":["a"]}]}""")]
    [InlineData("""{"source":[{"prefix":"a","suffix":"b"}]}""")]
    [InlineData("""not json""")]
    public void A_pattern_EventBridge_would_reject_is_rejected(string pattern)
    {
        Assert.Throws<FormatException>(() => EventPattern.Parse(pattern));
    }

    [Fact]
    public void The_checkout_rule_matches_a_checkout_event_and_not_another_detail_type()
    {
        var pattern = EventPattern.Parse(Shared.Resources.ResourceCatalog.CheckoutEventPattern);
        var checkout = JsonNode.Parse("""{"source":"com.swn.basket.checkoutbasket","detail-type":"CheckoutBasket","detail":{}}""");
        var other = JsonNode.Parse("""{"source":"com.swn.basket.checkoutbasket","detail-type":"BasketDeleted","detail":{}}""");

        Assert.True(EventPattern.Matches(pattern, checkout));
        Assert.False(EventPattern.Matches(pattern, other));
    }
}
