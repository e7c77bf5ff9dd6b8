// Site settings, read from the environment at build time:
//   SITE_URL                   the blog's public root, e.g. https://blog.example (feed links);
//                              the default matches `npm run serve` (port 8081: ./run.sh's demo blog has 8080)
//   BLOGFUNCTIONS_API          root of the BlogFunctions API (Functions app or SelfHost)
//   BLOGFUNCTIONS_POST_PREFIX  optional, put before every post id (several blogs on one API)
const trim = (url) => url.replace(/\/+$/, "");

export default {
  title: "Field Notes",
  url: trim(process.env.SITE_URL || "http://localhost:8081"),
  blogFunctionsApi: trim(process.env.BLOGFUNCTIONS_API || "http://localhost:7071"),
  blogFunctionsPostPrefix: process.env.BLOGFUNCTIONS_POST_PREFIX || "",
};
