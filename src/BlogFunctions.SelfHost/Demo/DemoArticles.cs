namespace BlogFunctions.SelfHost.Demo;

/// <summary>A post of the demo blog; <see cref="Html"/> is our own trusted markup.</summary>
internal sealed record DemoArticle(string Slug, string Title, string Date, string Summary, string Html);

/// <summary>The demo blog's posts: one full article and two short ones, so the listing has counts to show.</summary>
internal static class DemoArticles
{
    public static IReadOnlyList<DemoArticle> All { get; } =
    [
        new("tight-glutes-back-pain", "Tight glutes and lower back pain: how your hips pull on your spine",
            "2026-11-02",
            "Why stiff, under-used glutes so often show up as an ache across the belt line, and a ten-minute routine that helps.",
            TightGlutes.Html),
        new("desk-hip-flexors", "A five-minute desk break for stiff hips",
            "2026-10-19",
            "Three movements you can do next to your chair between two meetings.",
            """
            <p>Sitting keeps the front of the hips short and the buttocks switched off for hours. You do not need a
            mat or a gym to undo a little of that: you need five minutes and a chair.</p>
            <ol>
              <li><strong>Half-kneeling hip flexor stretch</strong> (one minute per side): kneel on one knee, tuck the
              tail bone under and squeeze the buttock of the kneeling leg until the front of that hip stretches.</li>
              <li><strong>Standing glute squeeze</strong> (ten slow squeezes): stand tall and press both buttocks together
              for three seconds, without arching the lower back.</li>
              <li><strong>Chair figure-four</strong> (thirty seconds per side): sit, cross one ankle over the other knee and
              lean forward with a long spine.</li>
            </ol>
            <p>Set a reminder every hour. Small and often beats one long session on Sunday.</p>
            """),
        new("glute-bridge-progressions", "Glute bridge progressions, from first try to single leg",
            "2026-10-05",
            "The glute bridge is the simplest way to wake up the muscles that protect your lower back. Here is how to make it harder as you get stronger.",
            """
            <p>Lie on your back with knees bent and feet flat, about a hand's length from your buttocks. Breathe out,
            flatten the lower back gently against the floor, then push through your heels until knees, hips and
            shoulders form a straight line. Hold for two seconds and lower slowly. If you feel it mostly in the lower
            back or the hamstrings, bring the feet a little closer and think "push the floor away".</p>
            <p>Progress only when you can do three sets of fifteen with good form: first a three-second hold at the top,
            then a band above the knees (push the knees out), then marching bridges (lift one foot at a time while
            the pelvis stays level), and finally single-leg bridges. Two or three sessions a week are plenty.</p>
            """),
    ];

    public static DemoArticle? Find(string slug) => All.FirstOrDefault(a => a.Slug == slug);
}
