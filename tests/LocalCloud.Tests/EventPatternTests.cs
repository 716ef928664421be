using System.Text.Json.Nodes;
using Ecommerce.LocalCloud.EventBridge;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// The event-pattern engine, rule by rule, as AWS decides. The cases come from:
/// AWS's EventBridge User Guide: "Content filtering in Amazon EventBridge event patterns" and "Comparison operators
/// for use in event patterns" (eb-event-patterns-content-based-filtering.html, eb-create-pattern-operators.html: every
/// operator, anything-but with lists, exists on leaves only, wildcard escapes and complexity), "Creating Amazon
/// EventBridge event patterns" (eb-event-patterns.html: keys with dots), "Arrays in Amazon EventBridge event patterns"
/// (eb-event-patterns-arrays.html) and "Matching null values and empty strings" (eb-event-patterns-null-values.html);
/// the README of aws/event-ruler, the engine EventBridge runs (arrays of objects, dotted keys, $or);
/// and the answers AWS's TestEventPattern gave for the corpus in localstack/localstack's
/// tests/aws/services/events/event_pattern_templates, recorded against AWS, whose refusal reasons are quoted here word for word.
/// </summary>
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

    /// <summary>Small events for the corners: each case is a pattern, the event's detail, and what AWS answers.</summary>
    public static TheoryData<string, string, bool> Corners => new()
    {
        // anything-but with lists of prefixes and suffixes
        { """{"detail":{"state":[{"anything-but":{"prefix":["init","test"]}}]}}""", """{"state":"post-init"}""", true },
        { """{"detail":{"state":[{"anything-but":{"prefix":["init","test"]}}]}}""", """{"state":"testing"}""", false },
        { """{"detail":{"file":[{"anything-but":{"suffix":[".txt",".bak"]}}]}}""", """{"file":"file.txt.bak"}""", false },
        { """{"detail":{"file":[{"anything-but":{"suffix":[".txt",".bak"]}}]}}""", """{"file":"file.png"}""", true },
        { """{"detail":{"file":[{"anything-but":{"wildcard":["*/init/*","*/dir/*"]}}]}}""", """{"file":"a/dir/b"}""", false },
        // anything-but matches a null value, but never a missing field
        { """{"detail":{"state":[{"anything-but":"initializing"}]}}""", """{"state":null}""", true },
        { """{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}""", """{"state":null}""", true },
        { """{"detail":{"state":[{"anything-but":{"equals-ignore-case":["a","b"]}}]}}""", """{"state":null}""", true },
        { """{"detail":{"state":[{"anything-but":{"wildcard":"*/dir/*"}}]}}""", """{"state":null}""", true },
        { """{"detail":{"state":[{"anything-but":"initializing"}]}}""", """{"other":1}""", false },
        { """{"detail":{"state":[{"anything-but":{"suffix":"ing"}}]}}""", """{"other":1}""", false },
        { """{"detail":{"state":[{"anything-but":{"equals-ignore-case":"x"}}]}}""", """{"other":1}""", false },
        // anything-but of strings takes numbers, and the other way round
        { """{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}""", """{"state":12}""", true },
        { """{"detail":{"state":[{"anything-but":{"wildcard":"1*"}}]}}""", """{"state":123}""", true },
        { """{"detail":{"state":[{"anything-but":"5"}]}}""", """{"state":5}""", true },
        { """{"detail":{"state":[{"anything-but":[100,5]}]}}""", """{"state":5.0}""", false },
        // string operators never take numbers; numbers compare by value
        { """{"detail":{"n":[{"prefix":"1"}]}}""", """{"n":12}""", false },
        { """{"detail":{"n":[{"suffix":"2"}]}}""", """{"n":12}""", false },
        { """{"detail":{"n":[{"wildcard":"1*"}]}}""", """{"n":12}""", false },
        { """{"detail":{"n":[{"equals-ignore-case":"12"}]}}""", """{"n":12}""", false },
        { """{"detail":{"n":["12"]}}""", """{"n":12}""", false },
        { """{"detail":{"n":[12]}}""", """{"n":12.0}""", true },
        { """{"detail":{"n":[{"numeric":[">",10]}]}}""", """{"n":"12"}""", false },
        { """{"detail":{"n":[{"numeric":[">",10]}]}}""", """{"n":null}""", false },
        // an empty prefix or suffix takes any string; an empty wildcard or equals-ignore-case only the empty one
        { """{"detail":{"s":[{"prefix":""}]}}""", """{"s":"x"}""", true },
        { """{"detail":{"s":[{"suffix":""}]}}""", """{"s":"x"}""", true },
        { """{"detail":{"s":[{"equals-ignore-case":""}]}}""", """{"s":"x"}""", false },
        { """{"detail":{"s":[{"wildcard":""}]}}""", """{"s":"x"}""", false },
        { """{"detail":{"s":[{"wildcard":""}]}}""", """{"s":""}""", true },
        // wildcard escapes: \* is a star, \\ a backslash
        { """{"detail":{"s":[{"wildcard":"a\\*b*"}]}}""", """{"s":"a*bc"}""", true },
        { """{"detail":{"s":[{"wildcard":"a\\*b*"}]}}""", """{"s":"axbc"}""", false },
        { """{"detail":{"s":[{"wildcard":"C:\\\\*"}]}}""", """{"s":"C:\\temp"}""", true },
        // keys containing dots are the same field as nesting, in the event and in the pattern
        { """{"detail":{"state.status":["running"]}}""", """{"state":{"status":"running"}}""", true },
        { """{"detail":{"state":{"status":["running"]}}}""", """{"state.status":"running"}""", true },
        { """{"detail":{"state.status":{"status":["running"]}}}""", """{"state":{"status":"running"}}""", false },
        { """{"detail":{"state":{"status":["running"]}}}""", """{"state.status":{"status":"running"}}""", false },
        // exists looks at leaves only: an empty list or an object is no value
        { """{"detail":{"tags":[{"exists":true}]}}""", """{"tags":[]}""", false },
        { """{"detail":{"tags":[{"exists":false}]}}""", """{"tags":[]}""", true },
        { """{"detail":{"c":[{"exists":true}]}}""", """{"c":{"c1":100}}""", false },
        { """{"detail":{"c":[{"exists":false}]}}""", """{"c":{"c1":100}}""", true },
        { """{"detail":{"c":[{"exists":true}]}}""", """{"c":null}""", true },
        { """{"detail":{"tags":[null]}}""", """{"tags":[]}""", false },
        // arrays inside objects: the array is crushed, and two fields must come from the same element
        { """{"detail":{"items":{"id":[{"exists":true}]}}}""", """{"items":[{"k":1},{"id":"x"}]}""", true },
        { """{"detail":{"staff":{"first":["Anna"],"last":["Smith"]}}}""", """{"staff":[{"first":"John","last":"Doe"},{"first":"Anna","last":"Smith"}]}""", true },
        { """{"detail":{"staff":{"first":["Anna"],"last":["Doe"]}}}""", """{"staff":[{"first":"John","last":"Doe"},{"first":"Anna","last":"Smith"}]}""", false },
        { """{"detail":{"tags":["b"]}}""", """{"tags":[["a"],["b"]]}""", true },
        // $or inside an object, and exists:false beside another matcher
        { """{"detail":{"$or":[{"a":[1]},{"b":[2]}]}}""", """{"b":2}""", true },
        { """{"detail":{"$or":[{"a":[1]},{"b":[2]}]}}""", """{"c":3}""", false },
        { """{"detail":{"h":{"S":[{"anything-but":["roses"]},{"exists":false}]}}}""", """{"h":{"N":"1"}}""", true },
        { """{"detail":{"h":{"S":[{"anything-but":["roses"]},{"exists":false}]}}}""", """{"h":{"S":"roses"}}""", false },
        // a later key of the same name replaces the earlier one
        { """{"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}""", """{"location":"eu-central-1"}""", true },
    };

    /// <summary>Patterns AWS refuses, with the reason it gives after "Event pattern is not valid. Reason: ".</summary>
    public static TheoryData<string, string> Refusals => new()
    {
        { """[]""", "Filter is not an object" },
        { """{}""", "Empty objects are not allowed" },
        { """{"detail":{}}""", "Empty objects are not allowed" },
        { """{"source":"aws.ec2"}""", "\"source\" must be an object or an array" },
        { """{"source":[]}""", "Empty arrays are not allowed" },
        { """{"source":[{"prefix":"a","suffix":"b"}]}""", "Only one key allowed in match expression" },
        { """{"source":[{"NUMERIC":[">",1]}]}""", "Unrecognized match type NUMERIC" },
        { """{"source":[{"EXISTS":true}]}""", "Unrecognized match type EXISTS" },
        { """{"source":[{"exists":"yes"}]}""", "exists match pattern must be either true or false." },
        { """{"source":[{"prefix":1}]}""", "prefix match pattern must be a string" },
        { """{"source":[{"suffix":["a"]}]}""", "suffix match pattern must be a string" },
        { """{"source":[{"equals-ignore-case":["a"]}]}""", "equals-ignore-case match pattern must be a string" },
        { """{"source":[{"wildcard":1}]}""", "wildcard match pattern must be a string" },
        { """{"source":[{"anything-but":{"prefix":""}}]}""", "Null prefix/suffix not allowed" },
        { """{"source":[{"anything-but":{"suffix":["a",""]}}]}""", "Null prefix/suffix not allowed" },
        { """{"source":[{"anything-but":{"prefix":{"equals-ignore-case":"a"}}}]}""", "Value of anything-but must be an array or single string/number value." },
        { """{"source":[{"anything-but":null}]}""", "Value of anything-but must be an array or single string/number value." },
        { """{"source":[{"anything-but":["a",null]}]}""", "Inside anything but list, start|null|boolean is not supported." },
        { """{"source":[{"anything-but":["a",1]}]}""", "Inside anything but list, either all values are number or string, mixed type is not supported" },
        { """{"source":[{"anything-but":{"prefix":[1]}}]}""", "prefix/suffix match pattern must be a string" },
        { """{"source":[{"anything-but":{"equals-ignore-case":[1]}}]}""", "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported." },
        { """{"source":[{"anything-but":{"wildcard":[1]}}]}""", "wildcard match pattern must be a string" },
        { """{"source":[{"anything-but":{"numeric":[">",1]}}]}""", "Unsupported anything-but pattern: numeric" },
        { """{"source":[{"wildcard":"arn:aws:events:us-east-1:**:event-bus/*"}]}""", "Consecutive wildcard characters at pos 26" },
        { """{"source":[{"wildcard":"a\\b"}]}""", "Invalid escape character at pos 2" },
        { """{"source":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}""", "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character" },
        { """{"c":[{"numeric":[">",0,">",5]}]}""", "Bad numeric range operator: >" },
        { """{"c":[{"numeric":["<","a"]}]}""", "Value of < must be numeric" },
        { """{"c":[{"numeric":["~",5]}]}""", "Unrecognized numeric range operator: ~" },
        { """{"c":[{"numeric":["<",5,">",1]}]}""", "Too many elements in numeric expression" },
        { """{"c":[{"numeric":5}]}""", "Value of numeric must be an array." },
        { """{"ip":[{"cidr":"10.0.0.0"}]}""", "Malformed CIDR, one '/' required" },
        { """{"ip":[{"cidr":"10.0.0.0/x"}]}""", "Malformed CIDR, mask bits must be an integer" },
        { """{"ip":[{"cidr":"xx.11.xx/24"}]}""", "Nonstandard IP address: xx.11.xx" },
        { """{"ip":[{"cidr":1}]}""", "prefix match pattern must be a string" },
        { """{"$or":[{"source":["a"]}]}""", "There must have at least 2 Objects in $or relationship." },
        { """{"$or":{"source":["a"]}}""", "It must be an Array followed with $or." },
        { """{"$or":[{"prefix":["a"]},{"source":["b"]}]}""", "prefix is Ruler reserved fieldName which cannot be used inside $or." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_pattern_matches_the_example_event_exactly_when_AWS_says_it_does(string pattern, bool matches)
    {
        Assert.Equal(matches, EventPattern.Parse(pattern).Matches(JsonNode.Parse(Event)));
    }

    [Theory]
    [MemberData(nameof(Corners))]
    public void A_pattern_matches_an_event_in_the_corners_exactly_when_AWS_says_it_does(string pattern, string detail, bool matches)
    {
        var @event = JsonNode.Parse($$"""{"source":"s","detail-type":"t","detail":{{detail}}}""");

        Assert.Equal(matches, EventPattern.Parse(pattern).Matches(@event));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_pattern_EventBridge_refuses_is_refused_for_the_reason_it_gives(string pattern, string reason)
    {
        var error = Assert.Throws<FormatException>(() => EventPattern.Parse(pattern));

        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void A_pattern_that_is_not_json_is_refused()
    {
        Assert.Throws<FormatException>(() => EventPattern.Parse("not json"));
    }

    [Fact]
    public void Wildcards_on_one_field_are_refused_once_more_than_ten_of_their_prefixes_can_match_one_value()
    {
        // AWS took three of these on one field and refused a fourth (a public deployment, vals-ai/Valkyrie pull 278).
        var three = """{"id":[{"wildcard":"*:stack/Alpha/*"},{"wildcard":"*:stack/Beta/*"},{"wildcard":"*:stack/Gamma/*"}]}""";
        var four = """{"id":[{"wildcard":"*:stack/Alpha/*"},{"wildcard":"*:stack/Beta/*"},{"wildcard":"*:stack/Gamma/*"},{"wildcard":"*:stack/Delta/*"}]}""";

        var accepted = EventPattern.Parse(three);

        Assert.True(accepted.Matches(JsonNode.Parse("""{"id":"arn:aws:cloudformation:us-east-1:1:stack/Beta/x"}""")));
        Assert.StartsWith("Rule is too complex", Assert.Throws<FormatException>(() => EventPattern.Parse(four)).Message, StringComparison.Ordinal);
        Assert.Equal(9, WildcardPattern.Complexity([WildcardPattern.Parse("*:stack/Alpha/*"), WildcardPattern.Parse("*:stack/Beta/*"), WildcardPattern.Parse("*:stack/Gamma/*")]));
    }

    [Theory]
    [InlineData("*ab", 2)]
    [InlineData("*aa", 3)]
    [InlineData("a*bbb", 4)]
    [InlineData("a*b*bb", 5)]
    [InlineData("*ab*ad", 4)]
    public void Wildcard_complexity_counts_the_prefixes_one_value_can_match_as_event_ruler_does(string wildcard, int complexity)
    {
        // The values of event-ruler's MachineComplexityEvaluatorTest, for one pattern each. EventBridge measures the JSON
        // text, quotes included, which adds one for a pattern that ends in a star; these do not.
        Assert.Equal(complexity, WildcardPattern.Complexity([WildcardPattern.Parse(wildcard)]));
    }

    [Fact]
    public void The_checkout_rule_matches_a_checkout_event_and_not_another_detail_type()
    {
        var pattern = EventPattern.Parse(Shared.Resources.ResourceDefinitions.CheckoutEvents.EventPattern);
        var checkout = JsonNode.Parse("""{"source":"com.swn.basket.checkoutbasket","detail-type":"CheckoutBasket","detail":{}}""");
        var other = JsonNode.Parse("""{"source":"com.swn.basket.checkoutbasket","detail-type":"BasketDeleted","detail":{}}""");

        Assert.True(pattern.Matches(checkout));
        Assert.False(pattern.Matches(other));
    }
}
