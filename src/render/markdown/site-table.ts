/** A site an external link can be tagged with: its `data-site` name, its label and its hosts. */
export interface Site {
  site: string;
  label: string;
  /** Registrable domains or full host names; subdomains match too. */
  hosts: readonly string[];
}

/** Sites known by host, as data. Order does not matter: the longest matching host wins. */
export const SITES: readonly Site[] = [
  { site: "bilibili", label: "bilibili", hosts: ["bilibili.com", "b23.tv"] },
  { site: "youtube", label: "YouTube", hosts: ["youtube.com", "youtu.be", "youtube-nocookie.com"] },
  {
    site: "github",
    label: "GitHub",
    hosts: ["github.com", "github.io", "githubusercontent.com", "github.blog"],
  },
  { site: "arxiv", label: "arXiv", hosts: ["arxiv.org"] },
  { site: "zhihu", label: "知乎", hosts: ["zhihu.com"] },
  { site: "csdn", label: "CSDN", hosts: ["csdn.net"] },
  { site: "weixin", label: "微信", hosts: ["weixin.qq.com"] },
  { site: "cnblogs", label: "博客园", hosts: ["cnblogs.com"] },
  { site: "juejin", label: "掘金", hosts: ["juejin.cn", "juejin.im"] },
  { site: "jianshu", label: "简书", hosts: ["jianshu.com"] },
  { site: "openreview", label: "OpenReview", hosts: ["openreview.net"] },
  { site: "semanticscholar", label: "Semantic Scholar", hosts: ["semanticscholar.org"] },
  { site: "scholar", label: "Google Scholar", hosts: ["scholar.google.com"] },
  { site: "paperswithcode", label: "Papers with Code", hosts: ["paperswithcode.com"] },
  { site: "huggingface", label: "Hugging Face", hosts: ["huggingface.co"] },
  { site: "doi", label: "DOI", hosts: ["doi.org"] },
  { site: "acm", label: "ACM", hosts: ["acm.org"] },
  { site: "ieee", label: "IEEE", hosts: ["ieee.org"] },
  { site: "neurips", label: "NeurIPS", hosts: ["neurips.cc", "nips.cc"] },
  { site: "cvf", label: "CVF", hosts: ["thecvf.com"] },
  { site: "aclanthology", label: "ACL Anthology", hosts: ["aclanthology.org"] },
  { site: "wikipedia", label: "Wikipedia", hosts: ["wikipedia.org"] },
  { site: "medium", label: "Medium", hosts: ["medium.com"] },
  { site: "x", label: "X", hosts: ["twitter.com", "x.com"] },
  { site: "reddit", label: "Reddit", hosts: ["reddit.com"] },
  { site: "stackoverflow", label: "Stack Overflow", hosts: ["stackoverflow.com"] },
];

const BY_HOST = new Map<string, Site>(SITES.flatMap((site) => site.hosts.map((h) => [h, site])));

/** The site a host belongs to (`zhuanlan.zhihu.com` → zhihu), or undefined. */
export function siteOfHost(host: string): Site | undefined {
  let name = host.toLowerCase().replace(/\.$/, "");
  for (;;) {
    const site = BY_HOST.get(name);
    if (site) return site;
    const dot = name.indexOf(".");
    if (dot === -1) return undefined;
    name = name.slice(dot + 1);
  }
}
