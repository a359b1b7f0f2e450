// The article form's tag box (Select2, shipped with the admin).
// Enter picks the first existing tag that matches ("Afgh" -> "Afghanistan"): the typed text is offered
// last, as "Create new tag", and only to those who may create tags. The server enforces the same rule.
'use strict';
{
    const $ = django.jQuery;

    function tagBox(element) {
        const canCreate = element.dataset.canCreate === 'true';
        $(element).select2({
            tags: canCreate,
            tokenSeparators: canCreate ? [','] : [],
            insertTag: (results, tag) => results.push(tag),
            createTag: (params) => {
                const term = (params.term || '').trim();
                return term ? {id: term, text: term, newTag: true} : null;
            },
            templateResult: (item) => item.newTag ? `Create new tag “${item.text}”` : item.text,
            // A writer's new word would otherwise vanish on Enter without a sign: say why it cannot be picked.
            language: {noResults: () => canCreate ? 'No tag found' : 'No such tag: only editors add new tags'},
            ajax: {data: (params) => ({term: params.term, page: params.page})},
        });
    }

    $(function() {
        $('select.newsroom-tags').each((i, element) => tagBox(element));
    });
}
