namespace BlogFunctions.SelfHost.Demo;

/// <summary>The demo blog's main article, written for this project.</summary>
internal static class TightGlutes
{
    public const string Html = """
        <p>If your lower back aches after a long day at the desk, a long drive or a long flight, the obvious thing
        is to blame the back itself: stretch it, rub it, buy a new chair. Very often, though, the back is the part
        that complains while the hips are the part that stopped doing their job. The glutes, the big muscles of the
        buttocks, are some of the strongest muscles in the body, and when they are stiff or switched off, the lower
        spine quietly takes over work it was never built to do.</p>

        <h2>How the hips and the lower back share the work</h2>
        <p>The pelvis is the base the spine stands on. Three groups of muscles around it matter most here: the
        <strong>gluteus maximus</strong>, which straightens the hip when you stand up, climb stairs or walk uphill;
        the <strong>gluteus medius</strong> on the side of the hip, which keeps the pelvis level every time you stand
        on one leg (that is, with every step); and the small <strong>deep rotators</strong> such as the piriformis,
        which turn the thigh in and out.</p>
        <p>When these muscles move freely, most bending and turning happens at the hip joint, a deep ball and
        socket made for large movements. When they are tight, the hip stops short and the motion has to come from
        somewhere else. The nearest candidate is the lumbar spine, a stack of joints designed for modest amounts of
        movement and a lot of stability. Picking something up off the floor, twisting to reach the back seat, or
        taking a long stride then means extra bending and twisting low in the back, many times a day. Add a weak
        gluteus medius, and the pelvis tips from side to side as you walk, and the small muscles along the spine
        work overtime to hold you upright.</p>

        <h2>"Tight" does not always mean "too short"</h2>
        <p>A muscle that feels tight is not necessarily short. Glutes that are weak or that you rarely use often feel
        tight because they are guarding: the nervous system keeps some tension in them because it does not trust
        them to handle load. That is why stretching alone often brings only an hour of relief. The lasting change
        usually comes from <em>both</em> restoring movement and making the muscles strong enough that the body
        lets them relax.</p>

        <h2>Signs your hips may be part of the problem</h2>
        <ul>
          <li>The ache sits across the belt line or in one buttock rather than in one precise spot on the spine.</li>
          <li>It is worse after sitting for a long time and eases once you have walked for a few minutes.</li>
          <li>Getting out of a car or a low sofa is stiff and slow.</li>
          <li>Lying on your back, crossing one ankle over the opposite knee (a figure four) feels much tighter on one
          side than the other.</li>
          <li>When you stand on one leg, the opposite side of your pelvis drops or you lean your trunk to balance.</li>
        </ul>

        <h2>A ten-minute routine</h2>
        <p>Do this once a day for two weeks, slowly and without pain. A stretch should feel like a strong pull, never
        a sharp or electric sensation.</p>
        <ol>
          <li><strong>Figure-four stretch</strong>, lying on your back: cross one ankle over the other knee, pull the
          lower thigh towards you and breathe slowly for 45 seconds. Both sides.</li>
          <li><strong>Half-kneeling hip flexor stretch</strong>: tight hip flexors at the front tilt the pelvis
          forward and load the lower back. Kneel on one knee, tuck the pelvis under, squeeze that side's glute and
          hold 45 seconds per side.</li>
          <li><strong>Glute bridge</strong>: 2 sets of 12, pausing two seconds at the top with the ribs down, so the
          buttocks, not the lower back, do the lifting.</li>
          <li><strong>Side-lying leg raise</strong>: lying on your side with the bottom knee bent, lift the top leg
          slightly behind you, toes pointing forward, 2 sets of 12 per side. You should feel the side of the hip.</li>
          <li><strong>Hip hinge</strong> with a broomstick along your back, touching the head, upper back and tail
          bone: push the hips back until you feel the hamstrings, then stand up by squeezing the glutes. 10 slow
          repetitions teach the pattern you should use every time you pick something up.</li>
        </ol>
        <p>Between sessions, get up every 30 to 45 minutes when you sit, and walk every day. Walking is the most
        underrated back exercise there is: it moves the hips through their full stride and the spine gently, with
        none of the load of a gym. A massage ball under one buttock while you sit on the floor can ease tender
        spots; move away if you feel tingling down the leg, which means you are pressing on a nerve.</p>

        <h2>When to see a professional</h2>
        <p>Most lower back pain improves within a few weeks with sensible movement. See a doctor promptly if you
        notice numbness around the groin or inner thighs, new trouble controlling your bladder or bowels, weakness
        in a leg or foot, pain after a fall or accident, fever, or unexplained weight loss. Make an appointment
        with a physiotherapist if the pain runs below the knee, wakes you at night, or has not improved after six
        weeks. This article is general information, not a diagnosis: a professional can examine your hips and
        back and tailor the exercises to you.</p>

        <p>Have you found a stretch or habit that helped your back? Share it in the comments below; every comment
        is read before it appears.</p>
        """;
}
