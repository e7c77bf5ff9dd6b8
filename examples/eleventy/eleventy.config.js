import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import site from "./_data/site.js";

// The BlogFunctions post id of a post: 1-100 characters of a-z 0-9 _ -. Source: front matter
// "commentsId" if set, else the file's slug (name without extension; a folder's name for
// index.md), with BLOGFUNCTIONS_POST_PREFIX before it. Lower-cased; every other character
// (per code point, as Hugo's partial does) becomes "-"; cut to 100.
export function blogFunctionsPostId(slug) {
  return (site.blogFunctionsPostPrefix + String(slug)).toLowerCase().replace(/[^a-z0-9_-]/gu, "-").slice(0, 100);
}

export default function (eleventyConfig) {
  eleventyConfig.ignores.add("README.md");
  eleventyConfig.addPassthroughCopy("site.css");
  eleventyConfig.addFilter("blogFunctionsPostId", blogFunctionsPostId);
  eleventyConfig.addFilter("isoDate", (date) => date.toISOString().slice(0, 10));

  // An Atom feed at /feed.xml: the URL to set as Newsletter:FeedUrl.
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "posts", limit: 20 },
    metadata: {
      language: "en",
      title: site.title,
      subtitle: "Notes from a walking blog.",
      base: site.url + "/",
      author: { name: "Field Notes" },
    },
  });

  return {
    markdownTemplateEngine: "njk",
    htmlTemplateEngine: "njk",
  };
}
