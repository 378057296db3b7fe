/**
 * Docusaurus's page template (@docusaurus/core's ssgTemplate.html) with one change: the scripts are
 * requested after the first frame has been painted, by a small loader at the end of <body>, not by
 * `<script defer>` tags in <head>. The page is complete without them (server-rendered); requested
 * from <head>, they share a slow connection with the HTML and CSS the first paint needs, and
 * Lighthouse counts them as holding back the largest paint. `async = false` keeps their order.
 * The loader's hash joins the CSP like every inline script (scripts/postbuild.ts).
 */
export const ssrTemplate = `<!DOCTYPE html>
<html <%~ it.htmlAttributes %>>
  <head>
    <meta charset="UTF-8">
    <meta name="generator" content="Docusaurus v<%= it.version %>">
    <% it.metaAttributes.forEach((metaAttribute) => { %>
      <%~ metaAttribute %>
    <% }); %>
    <%~ it.headTags %>
    <% it.stylesheets.forEach((stylesheet) => { %>
      <link rel="stylesheet" href="<%= it.baseUrl %><%= stylesheet %>" />
    <% }); %>
  </head>
  <body <%~ it.bodyAttributes %>>
    <%~ it.preBodyTags %>
    <div id="__docusaurus"><%~ it.appHtml %></div>
    <%~ it.postBodyTags %>
    <script>(function(){var s=<%~ JSON.stringify(it.scripts.map(function(x){return it.baseUrl + x;})) %>;function go(){s.forEach(function(u){var e=document.createElement('script');e.src=u;e.async=false;document.head.appendChild(e);});}requestAnimationFrame(function(){setTimeout(go,0);});})();</script>
  </body>
</html>
`;
