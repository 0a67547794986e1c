"""Saved blog pages shaped like eleven site builders, for bylines and chrome.

Each page puts the author, the date, read time, view and comment counts, share rows,
category and tag lists, an avatar and other chrome where its builder puts them (class
names, data attributes, JSON-LD, microdata, ``rel=author``), with the mess real pages
have. Each says what an import must give: the title, the author and credentials, the
body's first and last paragraph, how many references, and text that must not be in the
body. The clinics and texts are ours. ``bylines_heldout.py`` holds builders kept aside.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    title: str
    author: str
    credentials: str
    first: str  # the start of the body's first paragraph
    last: str  # the start of the body's last paragraph
    references: int
    chrome: list[str] = field(default_factory=list)  # text that must not be left in the body


def page(name: str, body: str, title: str, author: str, credentials: str, first: str, last: str,
         references: int, chrome: list[str], head: str = "") -> Page:
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Clinic Blog</title>'
            f"{head}<script>var _gaq=[];</script></head><body>{body}</body></html>")
    return Page(name, html, title, author, credentials, first, last, references, chrome)


def _jsonld(headline: str, author: object) -> str:
    data = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": headline, "author": author,
            "datePublished": "2024-03-04T09:00:00-06:00"}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def wix() -> Page:
    title = "Is It Safe to Exercise With Asthma?"
    body = (
        '<div id="SITE_CONTAINER"><header id="SITE_HEADER"><a href="/">Home</a><a href="/book-online">Book Online'
        '</a></header><main id="PAGES_CONTAINER"><div data-hook="post-page"><article data-hook="post">'
        '<div data-hook="post-header"><div data-hook="avatar"><img data-hook="avatar-image" alt="Nadia Farouk" '
        'src="https://static.wixstatic.com/media/avatar.jpg"></div><div data-hook="post-metadata">'
        '<span data-hook="user-name">Nadia Farouk, PA-C</span><span data-hook="time-ago">Mar 4</span>'
        '<span data-hook="time-to-read">3 min read</span></div></div>'
        f'<div data-hook="post-title"><h1 class="UbhFJ7">{title}</h1></div>'
        '<div data-hook="post-description"><section data-id="rich-content-viewer">'
        '<p class="_1xk6Z"><span>Yes, and for most people with asthma regular exercise makes breathing '
        "easier over time.</span></p>"
        '<h2 class="_3f-vr"><span>Before you start</span></h2>'
        '<p class="_1xk6Z"><span>Use your reliever inhaler 15 minutes before a workout if your clinician has '
        "advised it.<sup>1</sup></span></p>"
        '<p class="_1xk6Z"><span>Warm up for ten minutes; cold, dry air is the most common trigger.<sup>2'
        "</sup></span></p>"
        '<h2 class="_3f-vr"><span>References</span></h2><ol>'
        "<li>Global Initiative for Asthma. Global Strategy for Asthma Management and Prevention, 2023. "
        "https://ginasthma.org/reports/</li>"
        "<li>Parsons JP, Hallstrand TS, Mastronarde JG, et al. An official American Thoracic Society clinical "
        "practice guideline: exercise-induced bronchoconstriction. Am J Respir Crit Care Med. "
        "2013;187(9):1016-1027.</li></ol></section></div>"
        '<div data-hook="post-footer"><div data-hook="post-stats"><span data-hook="views-counter">'
        '27 views</span><span data-hook="comment-counter">0 comments</span></div>'
        '<div data-hook="share-buttons"><button aria-label="Share via Facebook"></button>'
        '<button aria-label="Share via X"></button></div>'
        '<ul data-hook="category-label-list"><li><a data-hook="category-label-list__item">Asthma</a></li>'
        '<li><a data-hook="category-label-list__item">Fitness</a></li></ul></div>'
        "</article></div></main></div>"
    )
    return page("wix", body, title, "Nadia Farouk", "PA-C",
                "Yes, and for most people with asthma", "Warm up for ten minutes", 2,
                ["3 min read", "27 views", "0 comments", "Nadia Farouk", "Asthma\n"],
                head=_jsonld(title, {"@type": "Person", "name": "Nadia Farouk"}))


def drupal() -> Page:
    title = "Managing Type 2 Diabetes With Food First"
    body = (
        '<div class="dialog-off-canvas-main-canvas"><header role="banner"><div class="region-header">'
        '<a href="/" rel="home">Prairie Health Partners</a></div><nav class="menu--main"><ul class="menu">'
        '<li class="menu-item"><a href="/">Home</a></li><li class="menu-item"><a href="/news">News</a></li></ul>'
        '</nav></header><main role="main"><div class="region-content">'
        f'<h1 class="page-title"><span class="field field--name-title field--type-string">{title}</span></h1>'
        '<article role="article" class="node node--type-article node--view-mode-full">'
        '<footer class="node__meta"><div class="node__submitted">Submitted by <span class="field '
        'field--name-uid field--type-entity-reference"><span lang="" typeof="schema:Person" '
        'property="schema:name">mlopez</span></span> on <span class="field field--name-created">'
        "Mon, 03/04/2024 - 10:15</span></div></footer>"
        '<div class="node__content"><div class="clearfix text-formatted field field--name-body">'
        "<p>By Maria Lopez, MPAS, PA-C</p>"
        "<p>A diagnosis of type 2 diabetes can feel like a list of things you can no longer eat. It does not "
        "have to be.</p><h2>Build the plate</h2>"
        "<p>Fill half the plate with vegetables, a quarter with protein and a quarter with whole grains "
        "(1).</p><h2>Small steps add up</h2>"
        "<p>Losing 5 to 7 percent of body weight lowers blood sugar and can reduce medication needs (2).</p>"
        "<h3>Sources</h3><ol><li>American Diabetes Association Professional Practice Committee. 5. "
        "Facilitating Positive Health Behaviors and Well-being to Improve Health Outcomes: Standards of Care in "
        "Diabetes-2024. Diabetes Care. 2024;47(Suppl 1):S77-S110.</li><li>Lean ME, Leslie WS, Barnes AC, et al. "
        "Primary care-led weight management for remission of type 2 diabetes (DiRECT): an open-label, "
        "cluster-randomised trial. Lancet. 2018;391(10120):541-551.</li></ol></div>"
        '<div class="field field--name-field-tags field--type-entity-reference"><div class="field__label">Tags'
        '</div><div class="field__items"><div class="field__item"><a href="/taxonomy/term/4">Diabetes</a>'
        '</div><div class="field__item"><a href="/taxonomy/term/9">Nutrition</a></div></div></div>'
        '<ul class="links inline"><li class="comment-add"><a href="/comment/reply">Add new comment</a></li>'
        "</ul></div></article></div></main>"
        '<footer role="contentinfo"><p>\u00a9 2024 Prairie Health Partners</p></footer></div>'
    )
    return page("drupal", body, title, "Maria Lopez", "MPAS, PA-C",
                "A diagnosis of type 2 diabetes", "Losing 5 to 7 percent", 2,
                ["By Maria Lopez", "Submitted by", "Add new comment", "Tags"])


def joomla() -> Page:
    title = "High Blood Pressure: Numbers That Matter"
    body = (
        '<div class="site-grid"><header class="header container-header full-width"><nav class="navbar">'
        '<ul class="mod-menu"><li><a href="/">Home</a></li><li><a href="/articles">Articles</a></li></ul></nav>'
        '</header><main><div class="com-content-article item-page" itemscope '
        'itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="en-GB">'
        f'<div class="page-header"><h2 itemprop="headline">{title}</h2></div>'
        '<dl class="article-info text-muted"><dt class="article-info-term">Details</dt>'
        '<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Written by '
        '<span itemprop="name">Alan Reyes, DO</span></dd><dd class="category-name">Category: '
        '<a href="/articles/heart" itemprop="genre">Heart Health</a></dd><dd class="published">'
        '<time datetime="2024-03-04T09:00:00+00:00" itemprop="datePublished">Published: 04 March 2024</time>'
        '</dd><dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:1532">Hits: 1532</dd>'
        '</dl><div itemprop="articleBody" class="com-content-article__body">'
        "<p>Your blood pressure has two numbers, and both matter.</p>"
        "<h3>What the numbers mean</h3>"
        "<p>A reading under 120/80 is normal; 130/80 or higher on repeated readings is high blood pressure "
        "[1].</p>"
        "<h3>Checking at home</h3>"
        "<p>Sit quietly for five minutes, arm supported at heart level, and take two readings a minute apart "
        "[2].</p>"
        "<p><strong>References</strong></p><p>1. Whelton PK, Carey RM, Aronow WS, et al. 2017 ACC/AHA Guideline "
        "for the Prevention, Detection, Evaluation, and Management of High Blood Pressure in Adults. "
        "Hypertension. 2018;71(6):e13-e115.<br>2. Muntner P, Shimbo D, Carey RM, et al. Measurement of Blood "
        "Pressure in Humans: A Scientific Statement From the American Heart Association. Hypertension. "
        "2019;73(5):e35-e66.</p></div>"
        '<ul class="tags list-inline"><li class="list-inline-item tag-3"><a class="btn btn-sm btn-info">'
        "hypertension</a></li></ul></div></main></div>"
    )
    return page("joomla", body, title, "Alan Reyes", "DO",
                "Your blood pressure has two numbers", "Sit quietly for five minutes", 2,
                ["Hits: 1532", "Written by", "Category:", "Published: 04 March 2024", "Details"])


def ghost() -> Page:
    title = "What Your Sleep Tracker Can and Cannot Tell You"
    body = (
        '<div class="gh-site"><header id="gh-head" class="gh-head"><nav class="gh-head-menu"><ul class="nav">'
        '<li class="nav-home"><a href="/">Home</a></li><li><a href="/tag/sleep/">Sleep</a></li></ul></nav>'
        '</header><main id="site-main" class="site-main"><article class="gh-article post tag-sleep">'
        '<header class="gh-article-header gh-canvas"><a class="gh-article-tag" href="/tag/sleep/">Sleep</a>'
        f'<h1 class="gh-article-title is-title">{title}</h1>'
        '<p class="gh-article-excerpt is-body">A wrist band is not a sleep lab, but it can still help.</p>'
        '<div class="gh-article-meta"><div class="gh-article-author-image"><a href="/author/priya/">'
        '<img class="author-profile-image" src="/content/images/priya.jpg" alt="Priya Natarajan"></a></div>'
        '<div class="gh-article-meta-wrapper"><h4 class="gh-article-author-name"><a href="/author/priya/" '
        'rel="author">Priya Natarajan</a></h4><div class="gh-article-meta-content"><time class="gh-article-meta-'
        'date" datetime="2024-03-04">Mar 4, 2024</time><span class="gh-article-meta-length"><span class="bull">'
        "\u2014</span> 4 min read</span></div></div></div></header>"
        '<section class="gh-content gh-canvas is-body">'
        "<p>Consumer sleep trackers estimate sleep from movement and heart rate.</p>"
        "<h2>Where they do well</h2>"
        "<p>They are good at total sleep time and at showing patterns across weeks.<sup>1</sup></p>"
        "<h2>Where they fall short</h2>"
        "<p>Sleep stages from a wrist device often disagree with a sleep study, so do not treat them as a "
        "diagnosis.<sup>2</sup></p>"
        "<h2>References</h2><ol><li>de Zambotti M, Cellini N, Goldstone A, Colrain IM, Baker FC. Wearable "
        "sleep technology in clinical and research settings. Med Sci Sports Exerc. 2019;51(7):1538-1557.</li>"
        "<li>Chinoy ED, Cuba JA, Ho CC, et al. Performance of seven consumer sleep-tracking devices compared "
        "with polysomnography. Sleep. 2021;44(5):zsaa291. doi:10.1093/sleep/zsaa291</li></ol></section>"
        '<section class="gh-author gh-canvas"><div class="gh-author-card"><img class="gh-author-image" '
        'alt="Priya Natarajan"><div><h4 class="gh-author-name">Priya Natarajan, NP-C</h4>'
        '<p class="gh-author-bio">Priya is a nurse practitioner at our sleep clinic.</p></div></div></section>'
        '<footer class="gh-article-footer gh-canvas"><a class="gh-share-link">Share on X</a>'
        '<a class="gh-share-link">Share on Facebook</a></footer></article></main>'
        '<footer class="gh-foot"><p>Harbor Sleep Clinic \u00a9 2024</p><p>Powered by Ghost</p></footer></div>'
    )
    return page("ghost", body, title, "Priya Natarajan", "NP-C",
                "Consumer sleep trackers estimate sleep", "Sleep stages from a wrist device", 2,
                ["4 min read", "Mar 4, 2024", "Share on X"],
                head=_jsonld(title, {"@type": "Person", "name": "Priya Natarajan",
                                     "url": "https://example.org/author/priya/"}))


def medium() -> Page:
    title = "Why We Stopped Prescribing Antibiotics for Most Sore Throats"
    body = (
        '<div id="root"><div class="a b c"><nav><a aria-label="Homepage" href="/">Medium</a>'
        '<a href="/new-story">Write</a><button>Sign up</button><button>Sign in</button></nav>'
        "<article><div><div><section><div><div>"
        f'<h1 id="7f2e" class="pw-post-title" data-testid="storyTitle">{title}</h1>'
        '<div class="speechify-ignore"><div><a rel="noopener follow" href="/@daniel.kim?source=post_page">'
        '<img alt="Daniel Kim" class="l eq by" src="https://miro.medium.com/v2/resize:fill:88:88/kim.jpg" '
        'width="44" height="44" loading="lazy"></a><div><span><a data-testid="authorName" '
        'href="/@daniel.kim">Daniel Kim, PA-C</a></span><span>\u00b7</span><button>Follow</button></div>'
        '<div><span data-testid="storyReadTime">6 min read</span><span>\u00b7</span>'
        '<span data-testid="storyPublishDate">Mar 4, 2024</span></div></div>'
        '<div><div class="pw-multi-vote-count"><p>142</p></div><div><button aria-label="responses"><p>3</p>'
        "</button></div><button>Listen</button><button>Share</button></div></div>"
        '<p id="c1a9" class="pw-post-body-paragraph">Most sore throats are caused by viruses, and '
        "antibiotics do nothing for a virus.</p>"
        '<h2 id="d2b1" class="pw-post-body-paragraph">Strep is the exception</h2>'
        '<p id="e3c2" class="pw-post-body-paragraph">We test for strep when the score of symptoms points to '
        "it (1).</p>"
        '<p id="f4d3" class="pw-post-body-paragraph">Rest, fluids and pain relief are what actually help a viral '
        "sore throat (2).</p>"
        '<h2 id="a5e4" class="pw-post-body-paragraph">References</h2>'
        '<p id="b6f5" class="pw-post-body-paragraph">1. Shulman ST, Bisno AL, Clegg HW, et al. Clinical practice '
        "guideline for the diagnosis and management of group A streptococcal pharyngitis. Clin Infect Dis. "
        "2012;55(10):e86-e102.</p>"
        '<p id="c7a6" class="pw-post-body-paragraph">2. Spinks A, Glasziou PP, Del Mar CB. Antibiotics for '
        "treatment of sore throat in children and adults. Cochrane Database Syst Rev. 2021;12(12):CD000023."
        "</p></div></div></section></div></div></article>"
        '<div><button aria-label="clap">142</button><button>3 responses</button></div></div></div>'
    )
    return page("medium", body, title, "Daniel Kim", "PA-C",
                "Most sore throats are caused by viruses", "Rest, fluids and pain relief", 2,
                ["6 min read", "142", "Follow", "Listen", "Daniel Kim"],
                head='<meta name="author" content="Daniel Kim">')


def blogger() -> Page:
    title = "Back to School With Asthma: A Checklist"
    body = (
        '<div class="content-outer"><div class="main-inner"><div class="blog-posts hfeed">'
        '<div class="date-outer"><h2 class="date-header"><span>Monday, March 4, 2024</span></h2>'
        '<div class="post-outer"><div class="post hentry" itemprop="blogPost" itemscope '
        'itemtype="http://schema.org/BlogPosting">'
        f'<h3 class="post-title entry-title" itemprop="name">{title}</h3>'
        '<div class="post-header"><div class="post-header-line-1"></div></div>'
        '<div class="post-body entry-content" id="post-body-4417" itemprop="description articleBody">'
        "A new school year means new germs, new schedules and, for kids with asthma, a little planning."
        "<br><br><b>Before the first day</b><br>"
        "Make sure the school has an up-to-date asthma action plan and a spare inhaler.[1]<br><br>"
        "Teach your child to tell a teacher when breathing feels tight, and practise the words together.[2]"
        "<br><br>References<br>1. National Asthma Education and Prevention Program. 2020 Focused Updates to the "
        "Asthma Management Guidelines. Bethesda, MD: National Heart, Lung, and Blood Institute; 2020.<br>"
        "2. Cicutto L, Gleason M, Haas-Howard C, et al. Building bridges for asthma care program: a "
        "school-centered program connecting schools, families, and community health-care providers. J Sch "
        "Nurs. 2020;36(3):168-180.<br></div>"
        '<div class="post-footer"><div class="post-footer-line post-footer-line-1">'
        '<span class="post-author vcard">Posted by <span class="fn" itemprop="author" itemscope '
        'itemtype="http://schema.org/Person"><a class="g-profile" href="https://www.blogger.com/profile/1" '
        'rel="author" title="author profile"><span itemprop="name">Karen Walsh, FNP-BC</span></a></span></span> '
        '<span class="post-timestamp">at <a class="timestamp-link" href="#" rel="bookmark">'
        '<abbr class="published" itemprop="datePublished" title="2024-03-04T08:30:00-06:00">8:30 AM</abbr></a>'
        '</span> <span class="post-comment-link"><a class="comment-link" href="#comments">3 comments:</a></span>'
        '<div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" '
        'title="Email This"><span class="share-button-link-text">Email This</span></a><a class="share-button '
        'sb-blog" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a><a class="share-'
        'button sb-facebook" title="Share to Facebook"><span class="share-button-link-text">Share to Facebook'
        "</span></a></div></div>"
        '<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: '
        '<a href="/search/label/asthma" rel="tag">asthma</a>, <a href="/search/label/kids" rel="tag">kids</a>'
        "</span></div></div></div></div></div></div></div></div>"
    )
    return page("blogger", body, title, "Karen Walsh", "FNP-BC",
                "A new school year means new germs", "Teach your child to tell a teacher", 2,
                ["Monday, March 4, 2024", "Email This", "BlogThis!", "Labels:", "3 comments"])


def weebly() -> Page:
    title = "Five Questions to Ask Before a Knee Replacement"
    body = (
        '<div class="wsite-header"><ul class="wsite-menu-default"><li id="pg1"><a href="/">Home</a></li>'
        '<li id="pg2"><a href="/blog.html">Blog</a></li></ul></div><div id="wsite-content">'
        '<div id="blogTable"><div class="blog-post" id="blog-post-1"><div class="blog-header">'
        f'<h2 class="blog-title"><a class="blog-title-link blog-link" href="/blog/five-questions">{title}</a>'
        '</h2><p class="blog-date"><span class="date-text">3/4/2024</span></p>'
        '<p class="blog-comments-top"><a class="blog-link" href="#comments">0 Comments</a></p></div>'
        '<div class="blog-content"><div class="paragraph">By Tom Okafor, PA-C<br><br>'
        "A new knee can give you back walks, stairs and sleep. It is also a big operation, so go in with "
        "your questions answered.<br></div><h2 class=\"wsite-content-title\">Is it time?</h2>"
        '<div class="paragraph">Pain that limits daily life despite weight loss, exercise therapy and '
        "medication is the usual reason to consider surgery.<sup>1</sup><br>\\<br></div>"
        '<div class="paragraph">Ask how long recovery takes: most people walk with a frame the day after and '
        "return to driving in four to six weeks.<sup>2</sup></div>"
        '<div class="paragraph"><strong>Sources</strong><br>1. Price AJ, Alvand A, Troelsen A, et al. Knee '
        "replacement. Lancet. 2018;392(10158):1672-1682.<br>2. National Institute for Health and Care "
        "Excellence. Joint replacement (primary): hip, knee and shoulder. NICE guideline NG157. London: NICE; "
        "2020.</div></div>"
        '<div class="blog-social"><div class="blog-social-item blog-fb-like"><span>Share</span></div></div>'
        '<div class="blog-feedback"><a class="blog-link" href="#comments">0 Comments</a></div></div></div>'
        '<div class="column-blog"><div class="blog-sidebar"><h2 class="blog-sidebar-title">Author</h2>'
        '<div class="paragraph">Write something about yourself. No need to be fancy, just an overview.</div>'
        '<h2 class="blog-sidebar-title">Archives</h2><p><a href="/blog/archives/03-2024">March 2024</a></p>'
        '<h2 class="blog-sidebar-title">Categories</h2><p><a href="/blog/category/all">All</a></p>'
        '<p><a href="/blog/category/joints">Joints</a></p></div></div></div>'
    )
    return page("weebly", body, title, "Tom Okafor", "PA-C",
                "A new knee can give you back walks", "Ask how long recovery takes", 2,
                ["0 Comments", "By Tom Okafor", "Write something about yourself", "Categories", "\\"])


def hubspot() -> Page:
    title = "Seasonal Flu Shots: Who Should Get One This Year"
    body = (
        '<div class="body-wrapper hs-content-id-1"><header class="header"><div class="header__logo">'
        '<a href="/">Northside Family Care</a></div><nav class="menu"><ul><li><a href="/">Home</a></li>'
        '<li><a href="/blog">Blog</a></li></ul></nav></header><main id="main-content" class="body-container-'
        'wrapper"><div class="body-container body-container--blog-post"><div class="content-wrapper">'
        '<article class="blog-post"><h1><span id="hs_cos_wrapper_name" class="hs_cos_wrapper hs_cos_wrapper_meta_'
        f'field hs_cos_wrapper_type_text" data-hs-cos-general-type="meta_field" data-hs-cos-type="text">{title}'
        '</span></h1><div class="blog-post__meta"><a class="blog-post__author" href="/blog/author/sam-lee">'
        '<img class="blog-post__author-image" src="/hubfs/sam.jpg" alt="Picture of Sam Lee"> Sam Lee, MSN, '
        'APRN</a><div class="blog-post__timestamp">Mar 4, 2024 9:15:00 AM</div></div>'
        '<div class="blog-post__body"><span id="hs_cos_wrapper_post_body" class="hs_cos_wrapper hs_cos_'
        'wrapper_meta_field hs_cos_wrapper_type_rich_text">'
        "<p>Everyone six months and older should get a flu vaccine every season, with rare exceptions.</p>"
        "<h2>Who benefits most</h2><p>Adults over 65, pregnant people and anyone with a chronic illness are "
        "most at risk of complications (1).</p>"
        "<p>Getting vaccinated by the end of October gives your body time to build protection before flu "
        "season peaks (2).</p><h3>References</h3><ol><li>Grohskopf LA, Blanton LH, Ferdinands JM, et al. "
        "Prevention and Control of Seasonal Influenza with Vaccines: Recommendations of the Advisory Committee "
        "on Immunization Practices - United States, 2023-24 Influenza Season. MMWR Recomm Rep. 2023;72(2):1-25."
        "</li><li>Centers for Disease Control and Prevention. Key facts about seasonal flu vaccine. Accessed "
        "February 1, 2024. https://www.cdc.gov/flu/prevent/keyfacts.htm</li></ol></span></div>"
        '<div class="blog-post__tags"><svg></svg><span>Topics:</span><a class="blog-post__tag-link" '
        'href="/blog/tag/vaccines">Vaccines</a>, <a class="blog-post__tag-link">Flu</a></div></article>'
        '<div class="hs_cos_wrapper_type_social_sharing"><a class="hs-blog-social-share">Share on Facebook'
        "</a><a>Share on LinkedIn</a></div></div></div></main></div>"
    )
    return page("hubspot", body, title, "Sam Lee", "MSN, APRN",
                "Everyone six months and older", "Getting vaccinated by the end of October", 2,
                ["Mar 4, 2024 9:15:00 AM", "Topics:", "Picture of Sam Lee", "Share on Facebook"])


def webflow() -> Page:
    title = "Protein for Older Adults: How Much Is Enough?"
    body = (
        '<div class="page-wrapper"><div data-collapse="medium" class="navbar w-nav"><a href="/" class="brand '
        'w-nav-brand">Green Valley Nutrition</a><nav class="nav-menu w-nav-menu"><a class="nav-link w-nav-link">'
        "Blog</a></nav></div><div class=\"section-blog-post\"><div class=\"container w-container\">"
        '<div class="blog-post-header"><div class="blog-post-category">Nutrition</div>'
        f'<h1 class="heading-blog">{title}</h1><div class="author-wrapper"><img src="https://uploads-ssl.'
        'webflow.com/lena.jpg" loading="lazy" alt="" class="author-image"><div class="author-text">'
        '<div class="author-name">Lena Park, RD, MS</div><div class="date-text">March 4, 2024</div></div>'
        '</div></div><div class="rich-text-block w-richtext">'
        "<p>Muscle is harder to keep after 65, and protein is part of how you keep it.</p>"
        "<h2>The numbers</h2><p>Many experts now suggest 1.0 to 1.2 grams of protein per kilogram of body "
        "weight a day for healthy older adults.<sup>1</sup></p>"
        "<h2>Spread it out</h2><p>Aim for 25 to 30 grams at each meal rather than most of it at dinner."
        "<sup>2</sup></p>"
        "<h3>References</h3><ol role=\"list\"><li>Bauer J, Biolo G, Cederholm T, et al. Evidence-based "
        "recommendations for optimal dietary protein intake in older people: a position paper from the PROT-AGE "
        "Study Group. J Am Med Dir Assoc. 2013;14(8):542-559.</li><li>Paddon-Jones D, Rasmussen BB. Dietary "
        "protein recommendations and the prevention of sarcopenia. Curr Opin Clin Nutr Metab Care. "
        "2009;12(1):86-90.</li></ol></div>"
        '<div class="share-wrapper"><div class="share-text">Share this article</div><a class="share-link '
        'w-inline-block">Twitter</a><a class="share-link w-inline-block">Facebook</a></div></div></div></div>'
    )
    return page("webflow", body, title, "Lena Park", "RD, MS",
                "Muscle is harder to keep after 65", "Aim for 25 to 30 grams", 2,
                ["March 4, 2024", "Share this article", "Nutrition\n"])


def squarespace() -> Page:
    title = "Sunscreen Myths We Hear Every Summer"
    body = (
        '<header id="header"><div class="header-title-text"><a href="/">Coastline Dermatology</a></div>'
        '<div class="header-nav-item"><a href="/blog">Blog</a></div></header>'
        '<main id="page" role="main"><article class="entry hentry blog-item">'
        '<div class="blog-item-top-wrapper"><div class="blog-item-meta-wrapper"><div class="blog-meta-item '
        'blog-meta-item--date">Mar 4</div><div class="blog-meta-item blog-meta-item--author">'
        '<a href="/blog?author=1" class="blog-author">Jenna Brooks</a></div></div>'
        f'<h1 class="entry-title entry-title--large p-name" data-content-field="title">{title}</h1></div>'
        '<div class="blog-item-content-wrapper"><div class="blog-item-content e-content">'
        '<div class="sqs-layout"><div class="sqs-block html-block"><div class="sqs-block-content">'
        "<p>\u201cI don\u2019t need sunscreen on a cloudy day.\u201d We hear it every June.</p>"
        "<h2>Clouds do not block UV</h2><p>Up to 80 percent of UV rays pass through clouds [1].</p>"
        "<h2>Darker skin still burns</h2><p>Skin cancer is less common in darker skin but is often found later, "
        "when it is harder to treat [2].</p>"
        "<h3>References</h3><ol><li>Skin Cancer Foundation. Sun protection. Accessed May 1, 2024. "
        "https://www.skincancer.org/skin-cancer-prevention/sun-protection/</li><li>Gupta AK, Bharadwaj M, "
        "Mehrotra R. Skin Cancer Concerns in People of Color: Risk Factors and Prevention. Asian Pac J Cancer "
        "Prev. 2016;17(12):5257-5264.</li></ol></div></div></div></div>"
        '<div class="blog-item-author-profile-wrapper"><a class="author-avatar"><img alt="Jenna Brooks">'
        '</a><div class="author-name">Jenna Brooks</div><div class="author-bio"><p>Jenna Brooks, PA-C, '
        "sees patients at our Harbor Street office.</p></div></div>"
        '<div class="blog-share-like"><div class="squarespace-social-buttons">Share</div></div></div>'
        '<section class="item-pagination"><a class="item-pagination-link--prev">Previous<h2 class="item-'
        'pagination-title">Poison Ivy 101</h2></a></section></article></main>'
    )
    return page("squarespace", body, title, "Jenna Brooks", "PA-C",
                "\u201cI don\u2019t need sunscreen on a cloudy day", "Skin cancer is less common in darker skin", 2,
                ["Mar 4", "Poison Ivy 101"],
                head=_jsonld(title, {"@type": "Person", "name": "Jenna Brooks"}))


def wordpress_yoast() -> Page:
    title = "Heartburn That Will Not Quit: When to Worry"
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "@id": "https://example.org/heartburn/#article", "headline": title,
         "author": {"@id": "https://example.org/#/schema/person/abc"}},
        {"@type": "Person", "@id": "https://example.org/#/schema/person/abc", "name": "Omar Haddad"}]}
    body = (
        '<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>'
        '<header id="masthead" class="site-header"><p class="site-title"><a href="/">Hillcrest Internal '
        'Medicine</a></p></header><div id="content" class="site-content"><main id="main" class="site-main">'
        '<article class="post type-post status-publish format-standard hentry category-digestive-health">'
        f'<header class="entry-header"><h1 class="entry-title">{title}</h1><div class="entry-meta">'
        '<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/ohaddad/" '
        'rel="author">Omar Haddad, MD</a></span></span><span class="posted-on">Posted on <a href="/2024/03/04/" '
        'rel="bookmark"><time class="entry-date published" datetime="2024-03-04T09:00:00+00:00">March 4, 2024'
        '</time></a></span><span class="comments-link"><a href="#respond">Leave a Comment</a></span>'
        '<span class="reading-time">Reading Time: 3 minutes</span></div></header>'
        '<div class="entry-content">'
        "<p>Almost everyone has heartburn now and then. Heartburn on most days is different.</p>"
        "<h2>Red flags</h2><p>Trouble swallowing, weight loss you cannot explain, or vomiting blood need a "
        "visit this week (1).</p>"
        "<h2>What usually helps</h2><p>Smaller meals, not eating within three hours of bed and raising the head "
        "of the bed help many people (2).</p>"
        '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li>'
        '<a class="share-facebook">Facebook</a></li><li><a class="share-x">X</a></li></ul></div>'
        "<h2>References</h2><ol><li>Katz PO, Dunbar KB, Schnoll-Sussman FH, et al. ACG Clinical Guideline for "
        "the Diagnosis and Management of Gastroesophageal Reflux Disease. Am J Gastroenterol. "
        "2022;117(1):27-56. doi:10.14309/ajg.0000000000001538</li><li>Ness-Jensen E, Hveem K, El-Serag H, "
        "Lagergren J. Lifestyle Intervention in Gastroesophageal Reflux Disease. Clin Gastroenterol Hepatol. "
        "2016;14(2):175-182.e3.</li></ol></div>"
        '<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/digestive-health/" '
        'rel="category tag">Digestive Health</a></span><span class="tags-links">Tagged <a rel="tag">GERD</a>, '
        '<a rel="tag">heartburn</a></span></footer></article></main></div></div>'
    )
    return page("wordpress-yoast", body, title, "Omar Haddad", "MD",
                "Almost everyone has heartburn now and then", "Smaller meals, not eating within three hours", 2,
                ["Reading Time", "Leave a Comment", "Posted in", "Tagged", "Share this:"],
                head=f'<meta name="author" content="Omar Haddad"><script type="application/ld+json">'
                     f"{json.dumps(graph)}</script>")


PAGES = [wix, drupal, joomla, ghost, medium, blogger, weebly, hubspot, webflow, squarespace, wordpress_yoast]
