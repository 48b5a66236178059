{#- Cover of the print page and the PDF: title, edition, licence. -#}
<div class="handbook-cover">
  <h1>{{ config.site_name }}</h1>
  <p class="handbook-cover__subtitle">{{ config.site_description }}</p>
  <table>
    <tr><td>Edition</td><td>{{ config.extra.edition }}</td></tr>
    <tr><td>Online</td><td><a href="{{ config.site_url }}">{{ config.site_url }}</a></td></tr>
    <tr><td>Source</td><td><a href="{{ config.repo_url }}">{{ config.repo_url }}</a></td></tr>
    <tr><td>Licence</td><td>Text and diagrams CC BY 4.0 (creativecommons.org/licenses/by/4.0); code MIT.</td></tr>
  </table>
</div>
