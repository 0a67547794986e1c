"""Held-out saved pages for the byline and chrome corpus: builders the importer was NOT tuned on.

Written before the byline and chrome rules, and only ever run for the held-out figure
(``test_import_bylines.py``). Shapes follow what Duda, GoDaddy Website Builder and Jimdo
save; the clinics and their text are ours.
"""

from __future__ import annotations

from bylines_pages import Page, page


def duda() -> Page:
    body = (
        '<div id="dm" class="dmwr"><div class="dmHeader"><nav class="main-navigation unifiednav">'
        '<a href="/">Home</a><a href="/blog">Health Blog</a><a href="/contact">Contact</a></nav></div>'
        '<div class="dmContent"><div class="dmRespRow"><div class="dmNewParagraph" data-element-type="paragraph">'
        '<div class="post-header"><div class="post-meta"><span class="post-author" data-binding="author">'
        "By Rosa Delgado, MSN, FNP-C</span> | <span class=\"post-date\">Feb 12, 2024</span>"
        ' | <span class="post-read-time">4 min read</span></div></div>'
        '<h1 class="dmBlogPostTitle" data-binding="title">Spring Allergies or a Cold? How to Tell</h1>'
        '<div class="dmBlogPostContent" data-binding="body">'
        "<p>Every March our phones fill with the same question: is this a cold, or is it allergies? The two "
        "share a runny nose and sneezing, but they are different problems with different fixes.</p>"
        "<h2>Clues that point to allergies</h2>"
        "<p>Itchy eyes, symptoms that last for weeks, and no fever point toward allergies. Pollen counts rise "
        "fast on warm, windy days (1).</p>"
        "<h2>When to see us</h2>"
        "<p>If symptoms last more than ten days, or you have a fever, book a visit so we can check for a "
        "sinus infection (2).</p>"
        "<h3>References</h3><ol>"
        "<li>Wheatley LM, Togias A. Allergic rhinitis. N Engl J Med. 2015;372(5):456-463. "
        "doi:10.1056/NEJMcp1412282</li>"
        "<li>Rosenfeld RM, Piccirillo JF, Chandrasekhar SS, et al. Clinical practice guideline (update): adult "
        "sinusitis. Otolaryngol Head Neck Surg. 2015;152(2 Suppl):S1-S39.</li></ol></div>"
        '<div class="post-footer"><div class="dmShareWidget"><span>Share this post</span>'
        '<a class="dmShareIcon" aria-label="Facebook">Facebook</a><a class="dmShareIcon">LinkedIn</a></div>'
        '<div class="post-tags">Tags: allergies, colds, family medicine</div></div>'
        "</div></div></div></div>"
    )
    return page(
        "duda", body, "Spring Allergies or a Cold? How to Tell", "Rosa Delgado", "MSN, FNP-C",
        "Every March our phones fill with the same question",
        "If symptoms last more than ten days",
        2, ["4 min read", "Feb 12, 2024", "Share this post", "Tags:"],
    )


def godaddy() -> Page:
    body = (
        '<div id="layout-root"><header data-ux="Header"><nav data-ux="Nav"><a data-ux="NavLink">Home</a>'
        '<a data-ux="NavLink">Blog</a></nav></header>'
        '<section data-ux="Section" data-aid="BLOG_POST_SECTION"><div data-ux="Container">'
        '<h1 data-ux="ContentHeading" data-aid="BLOG_POST_TITLE">Knee Pain After Running: Common Causes</h1>'
        '<div data-ux="Block" data-aid="BLOG_POST_META"><p data-ux="Text" data-aid="BLOG_POST_AUTHOR">'
        "Marcus Bell, PA-C</p><p data-ux="
        '"Text" data-aid="BLOG_POST_DATE">January 22, 2024</p><p data-ux="Text">\u00b7 3 min read</p></div>'
        '<div data-ux="ContentText" data-aid="BLOG_POST_CONTENT">'
        "<p>Runners come to our sports clinic with knee pain more than any other complaint. Most of the time "
        "the cause is overuse, and most of the time it gets better without surgery.</p>"
        "<h2>Patellofemoral pain</h2>"
        "<p>Pain around the kneecap that gets worse on stairs is the most common pattern we see in runners "
        "[1].</p>"
        "<h2>What helps</h2>"
        "<p>Hip and thigh strengthening, a short break from hills, and a slower return to mileage help most "
        "runners get back on the road within weeks [2].</p>"
        "<p><strong>Sources</strong></p><ul>"
        "<li>Crossley KM, van Middelkoop M, Callaghan MJ, et al. 2016 Patellofemoral pain consensus statement. "
        "Br J Sports Med. 2016;50(14):844-852.</li>"
        "<li>Willy RW, Hoglund LT, Barton CJ, et al. Patellofemoral pain. J Orthop Sports Phys Ther. "
        "2019;49(9):CPG1-CPG95. doi:10.2519/jospt.2019.0302</li></ul></div>"
        '<div data-aid="BLOG_POST_SHARE"><span>Share</span><a>Facebook</a><a>Twitter</a><a>Email</a></div>'
        '<div data-aid="BLOG_POST_CATEGORIES">Categories: Sports Medicine</div></div></section>'
        '<footer data-ux="Footer"><p>Copyright \u00a9 2024 Riverside Sports Medicine - All Rights Reserved.</p>'
        '<p>Powered by GoDaddy</p></footer></div>'
    )
    return page(
        "godaddy", body, "Knee Pain After Running: Common Causes", "Marcus Bell", "PA-C",
        "Runners come to our sports clinic with knee pain",
        "Hip and thigh strengthening, a short break from hills",
        2, ["3 min read", "January 22, 2024", "Categories:", "Share"],
    )


def jimdo() -> Page:
    body = (
        '<div class="jtpl-main"><div class="jtpl-header"><div class="jtpl-navigation"><ul><li>Start</li>'
        "<li>Blog</li></ul></div></div><div class=\"jtpl-content\">"
        '<div class="j-blogarticle"><div class="j-blog-meta"><span class="datetime">'
        '<span class="day">05</span><span class="mon">Mar</span><span class="yr">2024</span></span></div>'
        '<h1 class="j-blog-headline">Vitamin D in Winter: Who Needs a Supplement?</h1>'
        '<div class="j-blog-post--header"><p class="j-blog-post--author">written by Dr. Helen Voss, MD</p></div>'
        '<div class="j-blog-content"><div class="j-module n j-text">'
        "<p>Short days and heavy coats mean many of us make less vitamin D from November to March.<br>"
        "That does not mean everyone needs a pill.</p>"
        "<h2>Who is at risk</h2>"
        "<p>Older adults, people with darker skin, and anyone who spends little time outdoors are more likely "
        "to run low.<sup>1</sup></p>"
        "<h2>Our advice</h2>"
        "<p>Ask us before starting high doses; for most adults 600 to 800 units a day is enough.<sup>2</sup>"
        "</p><p>\\</p>"
        "<h3>Literature</h3><p>1. Holick MF. Vitamin D deficiency. N Engl J Med. 2007;357(3):266-281.<br>"
        "2. Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. Washington, DC: The "
        "National Academies Press; 2011.</p></div></div>"
        '<div class="j-blog-footer"><p class="j-comment-count">0 Comments</p>'
        '<div class="j-social-share">Share on: Facebook | Pinterest</div></div></div></div></div>'
    )
    return page(
        "jimdo", body, "Vitamin D in Winter: Who Needs a Supplement?", "Helen Voss", "MD",
        "Short days and heavy coats mean many of us make less vitamin D",
        "Ask us before starting high doses",
        2, ["0 Comments", "Share on:", "\\"],
    )


HELDOUT = [duda, godaddy, jimdo]
